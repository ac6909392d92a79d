"""The kit's shared vocabulary: the names of the paper's concepts, declared once.

Every other module (logic, schemas, plots, views) takes these names from here, so a block, a
value module or a seller class is spelled the same everywhere. This module imports nothing but
the standard library: a logic module that needs a name does not pull in a plotting library.

Examples
--------
>>> MODULES
('proposition', 'creation', 'delivery', 'capture')
>>> MODULE_NAMES["delivery"]
'Value delivery'
>>> SELLER_CLASSES[-1]
'super'
>>> len(BLOCKS)
9
"""

from __future__ import annotations

__all__ = [
    "MODULES",
    "MODULE_NAMES",
    "STAGES",
    "STAGE_KINDS",
    "BLOCKS",
    "CHAINS",
    "BUSINESS_MODELS",
    "BUSINESS_MODEL_NAMES",
    "SELLER_CLASSES",
    "TIERS",
    "CLASS_MODELS",
    "CLASS_NAMES",
    "CHANNELS",
    "SWITCHES",
]

#: The four value modules of the paper's Table 1, in path order (Figure 4): proposition,
#: creation, delivery, capture. The innovation path walks them in this order, so the path's
#: stages are these same four names (see :data:`STAGES`).
MODULES = ("proposition", "creation", "delivery", "capture")
MODULE_NAMES = {
    "proposition": "Value proposition",
    "creation": "Value creation",
    "delivery": "Value delivery",
    "capture": "Value capture",
}
#: The stages of the innovation path: the four value modules, in path order (the same tuple).
STAGES = MODULES
#: What a row of the stage map (``data/value_stages.csv``) is: a lever (a slider or a choice), a
#: quantity a model computes, a revenue or cost item, or a total.
STAGE_KINDS = ("lever", "quantity", "revenue", "cost", "total")

#: Osterwalder's nine blocks, in the canvas's reading order (left to right, then the bottom row).
BLOCKS = (
    "key_partners",
    "key_activities",
    "key_resources",
    "value_proposition",
    "customer_relationships",
    "channels",
    "customer_segments",
    "cost_structure",
    "revenue_streams",
)
#: The paper's two chains through the canvas, both passing the value proposition (the hub).
CHAINS = ("revenue", "cost")

#: The three business models the paper contrasts: live marketing, online shopping that is not
#: live, and offline retail.
BUSINESS_MODELS = ("live", "online", "offline")
BUSINESS_MODEL_NAMES = {
    "live": "Live marketing",
    "online": "Online shopping (not live)",
    "offline": "Offline retail",
}

#: The paper's four seller classes (Figure 3), lowest first: the order of the categorical.
SELLER_CLASSES = ("low-level", "ordinary", "famous", "super")
#: The four bands of the kit's tiered model, lowest first. A combined score cannot say which of
#: the two dimensions is strong, so its bands are not the paper's classes and get their own names.
TIERS = ("bottom tier", "lower tier", "upper tier", "top tier")
#: The kit's two readings of Figure 3 (where the paper draws no boundaries): a quadrant model
#: with one threshold per dimension, whose four corners are the paper's classes, and a tiered
#: model that cuts a combined score into four tiers.
CLASS_MODELS = ("quadrant", "tiered")
#: The names each model gives its four groups, lowest first.
CLASS_NAMES = {"quadrant": SELLER_CLASSES, "tiered": TIERS}

#: Selling live, or the same product with pictures and short videos (the path's comparison).
CHANNELS = ("live", "non_live")
#: The paper's four points of online/offline integration, as switches of the path model.
SWITCHES = ("shared_products", "pickup_offline", "pay_on_delivery", "synchronised_chain")
