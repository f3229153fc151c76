"""A converted reference only goes where the planner sees who receives it."""
import tensorflow as tf


class Model(object):
    def __init__(self):
        # an attribute: read later by code the tool does not follow
        self.dtype = tf.float32


def get_activation(name):
    # a return value: bert hands it to tf.layers.dense
    if name == "relu":
        return tf.nn.relu
    return tf.tanh


def embed(x, dtype=tf.float32):
    # a default: the body gives it to TF
    with tf.variable_scope("embed", dtype=dtype):
        return x


def decoder(cell, n, x):
    # passed to a TF object's method
    state = cell.zero_state(n, tf.float32)
    # arguments of converted calls, and type checks, still convert
    y = tf.cast(x, tf.float16)
    z = tf.zeros([2], dtype=tf.int32)
    ok = isinstance(x, tf.Tensor)
    return state, y, z, ok
