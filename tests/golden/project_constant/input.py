import tensorflow as tf

a = tf.constant(2)                     # int32 in TF, int64 in MindSpore
b = tf.constant([[3., 3.]])
c = tf.constant([1, 2], dtype=tf.int64)
d = tf.constant('Hello')               # string tensor: refused
e = tf.constant(values)                # not a literal: review note
f = tf.convert_to_tensor([True, False])
