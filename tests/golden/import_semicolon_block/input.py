if True:
    import tensorflow as tf; import tensorflow as tf2
if False:
    import os; import tensorflow as tf3; import tensorflow as tf4
    print(os)
try:
    import tensorflow as tf5  # the only import
except ImportError:
    tf5 = None
y = tf.reshape(x, [1])
z = tf2.reshape(x, [1])
w = tf3.reshape(tf4.reshape(x, [1]), [1])
v = tf5.reshape(x, [1])
