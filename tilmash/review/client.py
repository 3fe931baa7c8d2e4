"""A scripted client of a workbench with accounts, logging in the way the browser does.

The load benchmark and the crash tests need many logged-in accounts at once; going through the login
form (its CSRF field, the session cookie the 303 sets, the page's token for later posts) keeps them on
the path people use, so a change there that breaks logins breaks them too.
"""
from __future__ import annotations

import re

import httpx

_FORM_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
_PAGE_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class LoginRefused(RuntimeError):
    pass


def login(url: str, name: str, password: str, timeout: float = 60) -> httpx.Client:
    """A client holding the session cookie of `name`, logged in through `/login` with the Origin a browser
    sends; `LoginRefused` (with the server's status) when the server does not answer with the redirect."""
    client = httpx.Client(base_url=url, timeout=timeout, headers={"Origin": url})
    found = _FORM_TOKEN.search(client.get("/login").text)
    if found is None:
        raise LoginRefused(f"{url}/login has no login form")
    reply = client.post("/login", data={"csrf": found.group(1), "name": name, "password": password})
    if reply.status_code != 303:
        raise LoginRefused(f"login of {name} answered {reply.status_code}")
    return client


def open_page(client: httpx.Client) -> str:
    """The workbench page; its CSRF token becomes the client's for every later post, as the page's script
    does."""
    page = client.get("/")
    page.raise_for_status()
    found = _PAGE_TOKEN.search(page.text)
    if found is None:
        raise LoginRefused("the workbench page carries no CSRF token (not logged in?)")
    client.headers["X-CSRF-Token"] = found.group(1)
    return page.text
