import tensorflow as tf
import mindspore as ms

a = ms.Tensor(2, ms.int32)                     # int32 in TF, int64 in MindSpore
b = ms.Tensor([[3., 3.]], ms.float32)
c = ms.Tensor([1, 2], ms.int64)
d = tf.constant('Hello')               # string tensor: refused
e = ms.Tensor(values)                # not a literal: review note
f = ms.Tensor([True, False], ms.bool)
