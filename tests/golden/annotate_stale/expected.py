import tensorflow as tf
from mindspore import ops

x = 1
# TODO(mindspore): tf.placeholder -> pass the value to Cell.construct; tf.float32 -> mindspore.float32; see https://www.mindspore.cn/docs/en/r2.3.1/api_python/nn/mindspore.nn.Cell.html#mindspore.nn.Cell.set_inputs
y = tf.placeholder(tf.float32)
s = """
# TODO(mindspore): inside a string stays
"""
z = ops.stop_gradient(y)
