from tensorflow import (  # c
    reshape,
)
from tensorflow import (  # kept: concat has no rule here
    reshape as r2,  # goes
    Session,  # stays
)
y = reshape(x, [-1])
z = r2(x, [-1])
s = Session()
