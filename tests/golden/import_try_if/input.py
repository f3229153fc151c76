import sys

try:
    import tensorflow.compat.v1 as tf
except ImportError:
    import tensorflow as tf

if sys.version_info >= (3,):
    from tensorflow import Tensor
else:
    from tensorflow import Tensor


def f(x):
    if isinstance(x, Tensor):
        return tf.stop_gradient(x)
    return x
