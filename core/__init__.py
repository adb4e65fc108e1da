"""core: the mathematics behind the GenAI Foundations lecture companion.

Pure numpy / scipy / scikit-learn, no Streamlit: every function here can be used from a notebook.
One topic per module (``core.info`` for entropy and KL, ``core.classifiers`` for discriminative vs
generative classifiers, ...). Functions take plain arrays and scalars, validate them, and raise
``ValueError`` with a message a student can act on.
"""
