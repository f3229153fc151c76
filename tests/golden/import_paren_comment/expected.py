from mindspore.ops import reshape
from tensorflow import (  # kept: concat has no rule here
    # goes
    Session,  # stays
)
from mindspore.ops import reshape as r2
y = reshape(x, (-1,))
z = r2(x, (-1,))
s = Session()
