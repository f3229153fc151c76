import tensorflow as tf
import mindspore as ms
from mindspore import ops


def f(x, n):
    w = tf.get_variable("w", [3, 3], dtype=tf.float32)
    p = tf.placeholder(tf.int32, [None])
    v = tf.Variable(tf.random_normal([3, 3]), name="v")
    a = ops.cast(x, ms.float32)
    b = tf.cast(x, tf.string)
    c = tf.nn.relu(tf.layers.dense(x, n))
    d = ops.relu(ops.matmul(x, w))
    e = ops.zeros((3,), ms.float32)
    return w, p, v, a, b, c, d, e
