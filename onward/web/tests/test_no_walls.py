"""No walls: the worklist links only to pages its reader may open. The coach's worklist linked
"COWS due" to the detox page, which answered 403."""

import re
from datetime import timedelta

from onward.core import clock
from onward.people.access import access_person
from onward.withdrawal.detox import start_detox


def links_in_main(html):
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return sorted(set(re.findall(r'href="(/[^"#]*)', main)))


def test_every_link_on_each_care_team_worklist_opens(personas, client_as):
    access = access_person(personas.nurse, personas.person.public_id, kind="assessments", action="write")
    now = clock.now()
    start_detox(
        access=access, started_at=now - timedelta(hours=10), last_use_at=now - timedelta(hours=40), opioid="heroin"
    )
    for role in ("coach", "counselor", "nurse", "prescriber"):
        client = client_as(role)
        page = client.get("/worklist/").content.decode()
        detox_links = [link for link in links_in_main(page) if "/withdrawal/" in link]
        if role == "coach":
            assert detox_links == []
            assert "COWS due" not in page
        else:
            assert detox_links, role
        for link in links_in_main(page):
            assert client.get(link).status_code == 200, (role, link)
