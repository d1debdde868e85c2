# The README's two commands are `make run` and `make test`; both install what they need and are idempotent.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := .system-deps.ok
# Qt's runtime libraries (offscreen and xcb), a font, and a virtual X server with xwininfo for the full-screen
# test; chromium for the browser test of central's follow-up page; Debian 12 names.
DEBIAN_PACKAGES := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
	libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 \
	libxcb-util1 libxcb-xfixes0 libxcb-xkb1 python3-venv xvfb xauth x11-utils chromium
TEST_ENV := QT_QPA_PLATFORM=offscreen

.PHONY: run test lint shots bench translations system-deps venv clean

run: venv
	$(BIN)/kiosk demo $(if $(WINDOWED),--windowed,)

test: venv
	$(TEST_ENV) $(BIN)/pytest

lint: venv
	$(BIN)/ruff check kiosk sync central tests
	$(BIN)/ruff format --check kiosk sync central tests
	$(BIN)/mypy kiosk sync central tests
	$(BIN)/lint-imports
	$(BIN)/kiosk catalogue check

shots: venv
	$(TEST_ENV) $(BIN)/kiosk shots --out shots

bench: venv
	$(TEST_ENV) $(BIN)/kiosk bench --json

# Source strings are French; resources/translations/kiosk_en.ts holds the English. Run after changing UI text.
translations: venv
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -source-language fr_FR -target-language en_GB \
		$$(find kiosk -name "*.py" -not -path "*/__pycache__/*" | sort) -ts resources/translations/kiosk_en.ts
	$(BIN)/pyside6-lrelease resources/translations/kiosk_en.ts -qm resources/translations/kiosk_en.qm

venv: system-deps $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

system-deps: $(SYSTEM_STAMP)

$(SYSTEM_STAMP): Makefile
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	touch $@

clean:
	rm -rf $(VENV) $(SYSTEM_STAMP) build dist *.egg-info
