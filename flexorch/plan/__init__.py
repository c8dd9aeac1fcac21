"""Plan: the IOS-correct, dependency-ordered remediation from running to intended config.

    from flexorch.plan import remediate
    plan = remediate(running_text, intended_text)   # pure; secrets in clear, mask to print
    plan.lines      # ordered CLI lines to send after ``configure terminal``
    plan.sections   # what happens to each top-level section (create|modify|recreate|remove)
    plan.notes      # sections kept although absent from intent, keys that cannot be compared

The site workflow (collect running configs, plan per host, predicted IKEv2 outcomes, saved plan
files with stale detection) is in ``flexorch.plan.workflow`` and ``flexorch.plan.document``.
"""

from flexorch.plan.remediate import Remediation, SectionChange, apply_remediation, remediate

__all__ = ["Remediation", "SectionChange", "apply_remediation", "remediate"]
