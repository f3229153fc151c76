import tensorflow as tf

# TF converts minval/maxval to the call's dtype (float32 by default), so
# int literals become 0.0 and 1.0; ops.uniform needs float32 Tensors.
a = tf.random_uniform([], 0, 1)
b = tf.random_uniform([2, 3], minval=-1, maxval=1)
c = tf.random.uniform((2,), minval=-1)
d = tf.random_uniform([4], -0.5, 0.5)
e = tf.random_uniform([4], 0, 10, dtype=tf.int32)
f = tf.random_uniform([3, 2], [0, 1], [2, 3])
g = tf.random_uniform([4], False, True)
