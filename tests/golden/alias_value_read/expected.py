"""Plain reads of a name bound by assignment keep the user's name."""
import tensorflow as tf
import mindspore as ms
from mindspore import ops

DT = tf.float32
ACT = tf.nn.relu


def f(x):
    b = tf.float16
    y = tf.cast(x, b)
    return y, b, DT


# the assignment converts, so every read of DT holds ms.float32
z = tf.zeros([2], DT)
settings = {"dtype": DT}
# a call through an alias is a use of its own and converts
w = ops.relu(z)
# a read inside a TF call that stays is still reported
p = tf.placeholder(DT, [None, 3])
# a name whose reference does not convert stays reported where it is read
layer = tf.layers.dense(p, 3, activation=ACT)


def decoder(cell, batch_size):
    # passed to code the tool does not follow (a TF cell's method): the
    # alias keeps its TF value
    dtype = tf.float32
    state = cell.zero_state(batch_size, dtype=dtype)
    return state, dtype


def encoder(x):
    # only MindSpore calls read it: it converts, and the reads keep the name
    dtype = ms.float16
    return ops.cast(x, dtype), ops.zeros((2,), dtype)
