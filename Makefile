# Two commands for a newcomer: `make demo` and `make test`. Each sets up
# everything it needs on a fresh Debian/Ubuntu machine first.
VENV := .venv
PY := $(VENV)/bin/python
# The lock's wheels, downloaded once: the venv installs from here, and so does the
# wheel test's fresh venv (tests/test_wheel.py), offline.
WHEELHOUSE := $(VENV)/wheelhouse
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 \
	poppler-utils libreoffice-writer-nogui chromium

.PHONY: demo test setup system-deps lint lock clean

demo: setup
	$(VENV)/bin/sopgen check data/*.xlsx
	$(VENV)/bin/sopgen build data/sop-04-bpkpad-perencanaan-kinerja.xlsx -o output

test: setup
	$(VENV)/bin/ruff check sopgen tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest

setup: system-deps $(VENV)/.installed

# apt-get only runs when a package is missing, so a set-up machine stays quiet.
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Exactly the versions in requirements.lock (hash-checked), then sopgen itself editable,
# built by the locked setuptools: two machines install the same bytes.
$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip download -q --no-deps -r requirements.lock -d $(WHEELHOUSE)
	$(PY) -m pip install -q --no-index --find-links $(WHEELHOUSE) -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# Re-pin requirements.lock after a change of pyproject.toml's dependencies (needs PyPI).
lock:
	python3 -m venv $(VENV)/lock-tool
	$(VENV)/lock-tool/bin/pip install -q uv
	$(VENV)/lock-tool/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --generate-hashes \
		--custom-compile-command "make lock" -o requirements.lock

lint: setup
	$(VENV)/bin/ruff check sopgen tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) output/*.pdf output/*.docx
