"""The site header's folded menus (issue 15): "Get help now" holds the crisis lines, the account menu
holds the name and "Sign out". Each is a <details>: one tap on its summary opens it."""

from playwright.sync_api import Locator, Page


def open_help(page: Page) -> Locator:
    """Open "Get help now" and return its panel (the crisis lines and the link to the help page)."""
    page.locator("header details.help-now > summary").click()
    panel = page.get_by_role("group", name="Help now")
    panel.wait_for()
    return panel


def sign_out(page: Page) -> None:
    page.locator("header details.account > summary").click()
    page.get_by_role("button", name="Sign out").click()
