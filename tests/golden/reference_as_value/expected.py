import tensorflow as tf
import mindspore as ms

FREEZE = tf.stop_gradient
SPARSE = tf.SparseTensor
TENSOR_TYPE = ms.Tensor
