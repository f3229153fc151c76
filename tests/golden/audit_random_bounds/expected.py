import tensorflow as tf
import mindspore as ms
from mindspore import ops

# TF converts minval/maxval to the call's dtype (float32 by default), so
# int literals become 0.0 and 1.0; ops.uniform needs float32 Tensors.
a = ops.uniform((), ms.Tensor(0, ms.float32), ms.Tensor(1, ms.float32))
b = ops.uniform((2, 3), ms.Tensor(-1, ms.float32), ms.Tensor(1, ms.float32))
c = ops.uniform((2,), ms.Tensor(-1, ms.float32), ms.Tensor(1.0, ms.float32))
d = ops.uniform((4,), ms.Tensor(-0.5, ms.float32), ms.Tensor(0.5, ms.float32))
e = tf.random_uniform([4], 0, 10, dtype=tf.int32)
f = ops.uniform((3, 2), ms.Tensor([0, 1], ms.float32), ms.Tensor([2, 3], ms.float32))
g = tf.random_uniform([4], False, True)
