from tensorflow import (  # kept: concat has no rule here
    # goes
    Session,  # stays
)
from mindspore import ops
y = ops.Reshape()(x, (-1,))
z = ops.Reshape()(x, (-1,))
s = Session()
