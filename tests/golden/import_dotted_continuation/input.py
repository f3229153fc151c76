# Dotted module names may have blanks and line continuations between their
# tokens; Python reads them as if they had none.
from tensorflow.\
    contrib import slim
import tensorflow . \
  compat.v1 as tf
from tensorflow . python . ops import array_ops

x = tf.reshape(y, [2])
z = slim.conv2d(x, 3)
w = array_ops.identity(z)
