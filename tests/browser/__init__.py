"""Browser tests of the built site (Playwright, Debian's Chromium, axe-core)."""
