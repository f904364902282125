"""Read models that combine several areas: the person's Today, a care team member's caseload, a
supporter's consented view and the emergency summary. Each reads only through the areas' selectors and
the access path; the pages (`onward.web`) and endpoints (`onward.api`) that show them sit above."""
