"""Where each command-line instrument and rule lives, imported only when asked for.

Lazy imports keep `onward score cows …` fast (bench/): one module, never all of them.
"""

from collections.abc import Mapping
from importlib import import_module

from onward.clinical.spec import Command

INSTRUMENTS: dict[str, tuple[str, str]] = {
    "cows": ("onward.clinical.instruments.cows", "COMMAND"),
    "sows": ("onward.clinical.instruments.sows", "COMMAND"),
    "phq9": ("onward.clinical.instruments.phq9", "COMMAND"),
    "gad7": ("onward.clinical.instruments.gad7", "COMMAND"),
    "dsm5-oud": ("onward.clinical.instruments.dsm5_oud", "COMMAND"),
}

RULES: dict[str, tuple[str, str]] = {
    "bup-readiness": ("onward.clinical.rules.bup_readiness", "COMMAND"),
    "methadone-take-homes": ("onward.clinical.rules.methadone_take_homes", "COMMAND"),
    "recovery-stage": ("onward.clinical.rules.recovery_stage", "COMMAND"),
    "overdose-risk-window": ("onward.clinical.rules.overdose_window", "COMMAND"),
    "naltrexone-readiness": ("onward.clinical.rules.naltrexone_readiness", "COMMAND"),
    "methadone-first-dose": ("onward.clinical.rules.methadone_first_dose", "COMMAND"),
    "bup-dose-notices": ("onward.clinical.rules.bup_dose_notices", "COMMAND"),
    "lofexidine-dose": ("onward.clinical.rules.lofexidine_dose", "COMMAND"),
    "withdrawal-timeline": ("onward.clinical.rules.withdrawal_timeline", "COMMAND"),
    "cm-escalating": ("onward.clinical.rules.cm_escalating", "COMMAND"),
    "cm-prize-draw": ("onward.clinical.rules.cm_prize_draw", "COMMAND"),
}


def load(table: Mapping[str, tuple[str, str]], name: str) -> Command:
    """The Command registered under `name`; KeyError if there is none."""
    module, attribute = table[name]
    command: Command = getattr(import_module(module), attribute)
    return command
