from . import channel_diversion_penalty
