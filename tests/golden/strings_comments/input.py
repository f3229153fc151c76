import tensorflow as tf

# tf.stop_gradient(x) in a comment is not a use
DOC = "tf.stop_gradient(x) in a string is not a use"
RAW = r"""tf.Tensor"""


def f(x):
    label = f"{tf.stop_gradient(x)!r:>10} and tf.Tensor"
    return label
