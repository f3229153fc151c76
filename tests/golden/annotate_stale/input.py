import tensorflow as tf

# TODO(mindspore): tf.gone -> nothing
x = 1
    # TODO(mindspore): an old text
y = tf.placeholder(tf.float32)
s = """
# TODO(mindspore): inside a string stays
"""
# TODO(mindspore): tf.stop_gradient -> stale
z = tf.stop_gradient(y)
