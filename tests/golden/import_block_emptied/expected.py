try:
    pass
except ImportError:
    pass
from mindspore import ops
y = ops.Reshape()(x, (1,))
z = ops.Reshape()(x, (1,))
