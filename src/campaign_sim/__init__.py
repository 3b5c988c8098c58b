"""campaign-sim: agent-based simulation of customer-orientation campaigns in multi-branch companies."""

from .agents import Customer, Employee
from .model import CampaignModel
from .scenario import Scenario
from .scenario_io import ScenarioError, load_scenario

__all__ = ["CampaignModel", "Customer", "Employee", "Scenario", "ScenarioError", "load_scenario"]
__version__ = "0.1.0"
