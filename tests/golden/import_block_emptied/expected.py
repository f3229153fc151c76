try:
    pass
except ImportError:
    pass
from mindspore import ops
y = ops.reshape(x, (1,))
z = ops.reshape(x, (1,))
