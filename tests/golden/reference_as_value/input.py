import tensorflow as tf

FREEZE = tf.stop_gradient
SPARSE = tf.SparseTensor
TENSOR_TYPE = tf.Tensor
