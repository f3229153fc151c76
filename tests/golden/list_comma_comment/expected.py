from mindspore import ops
a = ops.Reshape()(x, (784,  # c
))
b = ops.Reshape()(x, (784  # no comma
,))
c = ops.Reshape()(x, (784 \
,))
d = ops.Reshape()(x, (-1, 784,  # two
))
