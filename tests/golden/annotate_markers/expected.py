import tensorflow as tf
from mindspore import ops


# TODO(mindspore): tf.function -> no direct counterpart (other); tf.zeros -> ops.zeros; see https://www.mindspore.cn/docs/en/r2.3.1/migration_guide/analysis_and_preparation.html
@tf.function
def f(x=tf.zeros([2])):
    # TODO(mindspore): tf.placeholder -> pass the value to Cell.construct; tf.float32 -> mindspore.float32; see https://www.mindspore.cn/docs/en/r2.3.1/api_python/nn/mindspore.nn.Cell.html#mindspore.nn.Cell.set_inputs
    s = """abc
"""; y = tf.placeholder(tf.float32)
    # TODO(mindspore): tf.reduce_mean -> ops.mean; tf.constant -> mindspore.Tensor(value, dtype); see https://www.mindspore.cn/docs/en/r2.3.1/api_python/ops/mindspore.ops.mean.html
    z = tf.reduce_mean(x,
                       axis=tf.constant(1))
    if x:
        pass
    # TODO(mindspore): tf.equal -> ops.equal; tf.zeros -> ops.zeros; tf.ones -> ops.ones; see https://www.mindspore.cn/docs/en/r2.3.1/api_python/ops/mindspore.ops.equal.html
    elif tf.equal(x, 1): w = tf.zeros([1]) + \
            tf.ones([2])
    text = "tf.zeros is only text here"
    # TODO(mindspore): tf.name_scope -> delete the with-block, keep its body; see https://www.mindspore.cn/docs/en/r2.3.1/migration_guide/model_development/model_and_cell.html
    with tf.name_scope("a"):
        return ops.stop_gradient(x)


class Net(object):
	def build(self):
		# TODO(mindspore): tf.layers.dense -> nn.Dense(in_channels, out_channels, has_bias=True); see https://www.mindspore.cn/docs/en/r2.1/note/api_mapping/tensorflow_diff/Dense.html
		return tf.layers.dense(self.x, 3)
