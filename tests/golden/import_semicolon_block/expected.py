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
y = ops.Reshape()(x, (1,))
z = ops.Reshape()(x, (1,))
w = ops.Reshape()(ops.Reshape()(x, (1,)), (1,))
v = ops.Reshape()(x, (1,))
