if True:
    pass
from mindspore import ops
if False:
    import os
    print(os)
try:
    pass  # the only import
except ImportError:
    tf5 = None
y = ops.reshape(x, (1,))
z = ops.reshape(x, (1,))
w = ops.reshape(ops.reshape(x, (1,)), (1,))
v = ops.reshape(x, (1,))
