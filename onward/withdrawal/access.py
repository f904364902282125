"""What the withdrawal area asks of the permission table. Edges call `access_person` with the kind and
action below; services check again with `access.require(kind, action)`, so a service called with the
wrong access is refused.

- `assessments`: detox episodes, COWS, SOWS, observations and the detox discharge;
- `doses`: symptom-medication doses given during detox (nurses and prescribers give doses);
- `overdose`: overdose events and the dated events that open an overdose risk window (`read`, `write`),
  and a clinician's `review` of an overdose event or a clinician-marked abstinence.
"""

ASSESSMENTS = "assessments"
DOSES = "doses"
OVERDOSE = "overdose"
REVIEW = "review"
