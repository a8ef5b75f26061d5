"""sopgen's templates, installed as the package `sopgen.templates` (see pyproject.toml's
`package-dir`): read with importlib.resources and Jinja2's PackageLoader, never by a
path relative to the source tree, so a wheel installed anywhere finds them."""
