"""The same TF code for several MindSpore releases (each case's args)."""
import tensorflow as tf


def model(x, mask):
    y = tf.nn.softplus(x)
    z = tf.slice(x, [0, 0], [1, 2])
    m = tf.cast(mask, tf.bool)
    h = tf.cast(x, dtype=tf.float16)
    b = tf.cast(x, tf.bfloat16)
    return y, z, m, h, b
