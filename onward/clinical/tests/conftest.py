"""The clinical tests run without Django, so that mutation testing can run them alone
(`PYTEST_ADDOPTS="-p no:django" mutmut run`, see docs/ARCHITECTURE.md): the same hypothesis
profile as the root conftest, registered here too."""

from hypothesis import HealthCheck, settings

settings.register_profile("onward", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("onward")
