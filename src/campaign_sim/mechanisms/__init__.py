"""The model's submodels, one named function each (see docs/ODD.md, section 7).

Every function takes whole-population arrays and updates them in place, all branches
in one call.  The hot ones hand the arrays to a compiled kernel (numba, cached; a
loop in machine code, never a Python loop over agents), the others are NumPy array
expressions.  The numbers in the module names follow the concept's list.
"""

from .capacity import over_capacity_share
from .customer_flows import attract_newcomers, spread_word_of_mouth, switch_to_competitor
from .m01_market_pressure import apply_market_pressure
from .m02_fear_gate import deliver_behaviour, total_fear
from .m03_horizon import proactive_horizon
from .m04_encounters import Encounters, judge_treatment, loyalty_curve, serve_customers
from .m05_customer_feedback import feed_back_to_staff
from .m06_climate import spread_climate
from .m07_behaviour_training import complete_behaviour_training, decay_transfer, learn_on_the_job, uptake
from .m08_attitude_training import absorb_attitude, complete_attitude_training
from .m09_incentives import apply_incentives
from .m10_promises import adjust_expectations, expectation_target
from .m11_absence_turnover import draw_absence, quit_and_replace
from .m12_participation import drift_willingness, evaluate_campaign

__all__ = [
    "Encounters",
    "absorb_attitude",
    "adjust_expectations",
    "apply_incentives",
    "apply_market_pressure",
    "attract_newcomers",
    "complete_attitude_training",
    "complete_behaviour_training",
    "decay_transfer",
    "deliver_behaviour",
    "draw_absence",
    "drift_willingness",
    "evaluate_campaign",
    "expectation_target",
    "feed_back_to_staff",
    "judge_treatment",
    "learn_on_the_job",
    "loyalty_curve",
    "over_capacity_share",
    "proactive_horizon",
    "quit_and_replace",
    "serve_customers",
    "spread_climate",
    "spread_word_of_mouth",
    "switch_to_competitor",
    "total_fear",
    "uptake",
]
