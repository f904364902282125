"""What the evaluation area asks of the permission table. Edges call `access_person` with the kind and
action below; services check again with `access.require(kind, action)`.

- `assessments`: evaluations, PHQ-9 and GAD-7 screenings, item-9 flags and safety checks (clinicians
  read and write; the person reads their own);
- `self_screenings`: the person answers their own PHQ-9 or GAD-7 when asked (write, the person only).
"""

ASSESSMENTS = "assessments"
SELF_SCREENINGS = "self_screenings"
