import tensorflow as tf

# A construct-specific hint that is only a note.
with tf.name_scope("block"):
    tf.logging.info("start")
# A hint for a class reaches its members.
saver = tf.train.Saver()
tf.train.Saver.restore(saver, None, "ckpt")
# A graph-name lookup is a warning.
g = tf.get_default_graph()
# Nothing specific: the category and its guide.
km = tf.contrib.factorization.KMeans(inputs=None, num_clusters=2)
# A table row keeps its reason and difference page.
grads = tf.gradients(km, [g])
