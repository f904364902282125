"""Medication's writes, one entry point: orders, doses, readiness, take-home doses, the program's
settings, and the daily XR-NTX flag. Each is written where its rules live (orders.py, doses.py,
readiness.py, take_homes.py, program_settings.py, xr_ntx.py) and exported here; the area's pages and
API, its tasks, and any other area that writes a medication record call them through this module."""

from onward.medication.doses import correct_dose, record_dose
from onward.medication.orders import sign_order, start_order, stop_order
from onward.medication.program_settings import update_program_settings
from onward.medication.readiness import record_bup_readiness, record_ntx_readiness
from onward.medication.take_homes import dispense_take_homes
from onward.medication.xr_ntx import flag_overdue_injections

__all__ = [
    "correct_dose",
    "dispense_take_homes",
    "flag_overdue_injections",
    "record_bup_readiness",
    "record_dose",
    "record_ntx_readiness",
    "sign_order",
    "start_order",
    "stop_order",
    "update_program_settings",
]
