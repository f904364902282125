"""Informed-choice pages, one per medication, in plain words. Every number shown comes from the
clinical core's constants (clinical-reference §7, §8, §9), never typed here."""

from dataclasses import dataclass

from onward.clinical.rules import bup_readiness, methadone_first_dose, naltrexone_readiness
from onward.clinical.rules.methadone_take_homes import CEILINGS
from onward.medication.models import Medication

_BUP = bup_readiness.Settings()
_NTX = naltrexone_readiness.Settings()
_LADDER = "; ".join(f"from day {first} in treatment, up to {days} days' supply" for first, days in sorted(CEILINGS))


@dataclass(frozen=True, slots=True)
class Choice:
    medication: str
    title: str
    what_it_is: str
    how_it_starts: tuple[str, ...]
    day_to_day: tuple[str, ...]
    safety: tuple[str, ...]
    source: str


CHOICES: dict[str, Choice] = {
    Medication.BUPRENORPHINE: Choice(
        Medication.BUPRENORPHINE,
        "Buprenorphine",
        "A medication that eases withdrawal and cravings by partly acting on the same receptors as other "
        "opioids. It is usually a film or tablet under the tongue, and it can be prescribed in an office.",
        (
            "You start once withdrawal has clearly begun. Your team checks this with a short scale called COWS "
            f"(this program's usual threshold is a score of {_BUP.min_cows} or more) and signs they can see.",
            "After a short-acting opioid such as heroin, the usual wait is about "
            f"{_BUP.wait_short_acting_hours} hours; "
            f"after a long-acting one about {_BUP.wait_long_acting_hours} hours; after methadone about "
            f"{_BUP.wait_methadone_hours} hours. After fentanyl the timing is hard to predict.",
            f"The first dose is small ({bup_readiness.FIRST_DOSE_TEXT}); more is added if needed.",
            "Another way to start is low-dose initiation: very small doses that rise over several days while "
            "you keep taking your current opioid. Ask your prescriber whether it suits you.",
        ),
        (
            "One dose a day is usual once the dose is settled.",
            "Your team logs doses with you, so nobody has to guess what was taken.",
        ),
        (
            "Starting too early can bring on sudden, strong withdrawal (precipitated withdrawal), "
            f"usually within about {bup_readiness.PRECIPITATED_ONSET_MINUTES} minutes of a dose. "
            "Tell your team exactly what you used last and when.",
            "Keep naloxone with you and let people near you know where it is.",
        ),
        bup_readiness.SOURCE,
    ),
    Medication.METHADONE: Choice(
        Medication.METHADONE,
        "Methadone",
        "A long-acting opioid medication taken by mouth once a day at an opioid treatment program. It "
        "steadies the body so that withdrawal and cravings fade.",
        (
            "It can start the day you are admitted; you do not need to be in withdrawal first.",
            f"On the first day the total is kept to {methadone_first_dose.DAY1_TOTAL_MAX_MG} mg or less unless "
            "your prescriber writes down why more is needed; the dose is then raised slowly over days.",
        ),
        (
            "At first you take each dose at the program, where a nurse sees you take it.",
            f"Over time you may earn take-home doses. Federal rules set the most allowed: {_LADDER}. "
            "Your state or program may allow fewer, and your prescriber decides with you.",
        ),
        (
            "The dose builds up over several days, so feeling too sleepy is a warning sign; tell the nurse.",
            "Mixing with alcohol, benzodiazepines or other sedatives raises the risk of overdose.",
            "Keep take-home doses locked away from children and others.",
        ),
        methadone_first_dose.SOURCE,
    ),
    Medication.NALTREXONE: Choice(
        Medication.NALTREXONE,
        "Naltrexone",
        "A medication that blocks the effects of opioids. It is not an opioid. It comes as a monthly "
        "injection (extended-release) or as a daily tablet.",
        (
            f"You need to be free of all opioids first, usually {_NTX.min_opioid_free_days} to "
            f"{_NTX.ready_opioid_free_days} days; after methadone or buprenorphine it can be up to "
            f"{_NTX.agonist_wait_days} days.",
            "If it is unclear whether your body still depends on opioids, your team may give a small test dose "
            "of naloxone first (a naloxone challenge) and watch for withdrawal.",
        ),
        (f"The injection is given every {naltrexone_readiness.XR_NTX_INTERVAL_DAYS} days.",),
        (
            "After the medication wears off, or after stopping it, your body handles much less opioid than "
            "before: a smaller amount than you used to take can cause an overdose.",
            "Keep naloxone with you, and talk with your team at each injection about overdose safety.",
        ),
        naltrexone_readiness.SOURCE,
    ),
}
