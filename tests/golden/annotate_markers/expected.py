import tensorflow as tf
import mindspore as ms
from mindspore import ops


# TODO(mindspore): tf.function -> no direct counterpart (other); see https://www.mindspore.cn/docs/en/r2.3.1/migration_guide/analysis_and_preparation.html
@tf.function
def f(x=ops.zeros((2,))):
    # TODO(mindspore): tf.placeholder -> pass the value to Cell.construct; tf.float32 -> mindspore.float32; see https://www.mindspore.cn/docs/en/r2.3.1/api_python/nn/mindspore.nn.Cell.html#mindspore.nn.Cell.set_inputs
    s = """abc
"""; y = tf.placeholder(tf.float32)
    z = ops.mean(x,
                       ms.Tensor(1, ms.int32))
    if x:
        pass
    elif ops.equal(x, 1): w = ops.zeros((1,)) + \
            ops.ones((2,), ms.float32)
    text = "tf.zeros is only text here"
    # TODO(mindspore): tf.name_scope -> delete the with-block, keep its body; see https://www.mindspore.cn/docs/en/r2.3.1/migration_guide/model_development/model_and_cell.html
    with tf.name_scope("a"):
        return ops.stop_gradient(x)


class Net(object):
	def build(self):
		# TODO(mindspore): tf.layers.dense -> nn.Dense(in_channels, out_channels, has_bias=True); see https://www.mindspore.cn/docs/en/r2.1/note/api_mapping/tensorflow_diff/Dense.html
		return tf.layers.dense(self.x, 3)
