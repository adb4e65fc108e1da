"""core: the mathematics behind the GenAI Foundations lecture companion.

Pure numpy / scipy / scikit-learn, no Streamlit: every function here can be used from a notebook.
One topic per module (``core.info`` for entropy and KL, ``core.classifiers`` for discriminative vs
generative classifiers, ...). Functions take plain arrays and scalars, validate them, and raise
``ValueError`` with a message a student can act on.

Shared pieces, each defined once: ``core.gaussian`` (Gaussian and mixture log-densities, ``LOG_2PI``,
``BITS_PER_NAT``), ``core.validation`` (points, sample sizes and seeds, standardisation) and ``core.nn`` (a
small numpy MLP with backpropagation by hand, and Adam). Model classes follow scikit-learn's conventions:
hyperparameters in ``__init__``, ``fit`` returns ``self``, fitted attributes end in ``_``, and
``score_samples`` gives each point's log-likelihood in nats.

Threads: nothing in ``core`` limits the BLAS/OpenMP thread pools itself. The problems here are small (tens
to thousands of points, matrices of a few hundred columns), and for them a multi-threaded BLAS spends more
time starting and synchronising threads than computing; on a machine shared with other work it can make a
fit many times slower. The app and the test suite therefore set one thread per process once. In a notebook,
do the same before calling ``core``::

    from threadpoolctl import threadpool_limits
    threadpool_limits(1)
"""
