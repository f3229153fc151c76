# Dotted module names may have blanks and line continuations between their
# tokens; Python reads them as if they had none.
from tensorflow.\
    contrib import slim
import mindspore as ms

x = ms.ops.reshape(y, (2,))
z = slim.conv2d(x, 3)
w = ms.ops.deepcopy(z)
