# Two commands for a newcomer: `make demo` and `make test`. Each sets up
# everything it needs on a fresh Debian/Ubuntu machine first.
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 \
	poppler-utils libreoffice-writer-nogui

.PHONY: demo test setup system-deps lint clean

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

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

lint: setup
	$(VENV)/bin/ruff check sopgen tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) output/*.pdf output/*.docx
