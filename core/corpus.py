"""A small English text corpus that ships inside the project.

The character-level model on the "Autoregressive models" page is trained on this text (nothing is fetched at run
time). It was written for this project: a plain essay about chance, information and learning, about 30 KB of
ordinary English so that a model with a few characters of context can pick up spelling, common words and
punctuation, and a model with a long context visibly overfits.

``CORPUS`` is the whole text; ``CORPUS_TITLE`` names it for the page.

>>> len(CORPUS) > 20_000
True
>>> CORPUS.isascii()
True
"""

from __future__ import annotations

CORPUS_TITLE = "Notes on chance, information and learning (written for this app)"

_PARTS = (
    """Notes on chance, information and learning

1. Counting what we do not know

Every morning begins with a small act of prediction. Before you open the curtains you already have a guess about
the weather, and that guess is not a single answer but a spread of answers with different weights. Rain is
possible, sun is likely, snow in summer is almost unthinkable. Probability is the language we use to write that
spread down. It does not claim to know what will happen; it claims to describe, honestly, how much we expect each
thing to happen.

A probability distribution is a list of outcomes together with numbers that say how much belief each outcome
deserves. The numbers are never negative and they add up to one. That second rule is the whole discipline of the
subject. If you give more weight to rain, you must take weight away from something else. Belief is a fixed budget,
and a distribution is a plan for spending it.

There are two ways people like to read these numbers. One reading says that a probability is a long run frequency:
toss a fair coin many times and the share of heads settles near one half. The other reading says that a probability
is a degree of belief held by someone with particular information: the coin is fair as far as I can tell, so I
split my belief evenly. The two readings agree on the rules of calculation, and for most practical work the
difference matters less than the habit of writing every uncertain quantity as a distribution rather than as a
single number.

2. Rules that never change

Two rules carry almost all of the weight. The sum rule says that the probability of an outcome is the total of the
probabilities of all the ways it can happen. If a letter can be followed by a space or by another letter, the
chance of the letter is the chance of the letter followed by a space plus the chance of the letter followed by
another letter. The product rule says that the probability of two things together is the probability of the first
times the probability of the second given the first. The word given is where learning hides. Once we know one
thing, our belief about the next thing may change.

Apply the product rule again and again and you get the chain rule. The probability of a whole sentence is the
probability of its first character, times the probability of the second character given the first, times the
probability of the third given the first two, and so on to the end. Nothing is lost and nothing is assumed. The
chain rule is not a model of language; it is an identity that holds for any sequence whatsoever. The modelling
begins only when we decide how to compute each of the conditional pieces.

This is the central trick of an autoregressive model. Instead of describing a whole sentence, image or sound at
once, it describes one small step at a time, and each step looks back at what has already been produced. A model
that writes text predicts the next character from the characters before it. A model that paints a picture predicts
the next pixel from the pixels above and to the left. A model that speaks predicts the next sample of a waveform
from the samples just before it. In every case the probability of the whole is the product of the probabilities
of the steps, so the model can say exactly how likely any complete example is.

3. Bayes and the reversal of questions

The product rule can be written in two orders, and setting the two orders equal gives the rule of Bayes. It lets
us turn a question around. We often know how likely the evidence is under each explanation, but we want to know
how likely each explanation is given the evidence. The answer multiplies the prior belief in each explanation by
the likelihood of the evidence under it, and then divides by the total so that the new beliefs again add up to one.

The prior is what we believed before looking. The posterior is what we believe after looking. The likelihood is the
bridge between them. A strong prior needs a lot of evidence to move; a weak prior moves at the first hint. When two
people start with different priors but see the same long stream of evidence, their posteriors are pulled toward
the same place. That is a comforting fact: disagreement about where to start does not have to mean disagreement
forever.

Consider a test for a rare condition. Suppose the condition affects one person in a thousand, and the test is
right ninety nine times in a hundred. A positive result feels like near certainty, yet the rule of Bayes says
otherwise. Among a thousand people, about one has the condition and tests positive, while about ten of the healthy
people also test positive by mistake. A positive result therefore means roughly a one in eleven chance of having
the condition. The prior was small, and the evidence, though good, was not strong enough to overturn it. Many
mistakes in reasoning come from forgetting the prior.

4. Surprise and information

Some outcomes surprise us more than others. If the sun rises, nobody is surprised. If it snows in a desert, many
people are. A natural way to measure surprise is to take the logarithm of one over the probability. An outcome
with probability one half carries one bit of surprise. An outcome with probability one quarter carries two bits.
An outcome that was certain carries none at all. Surprise adds up over independent events, because probabilities
multiply and logarithms turn products into sums.

The average surprise of a distribution is its entropy. Entropy is large when many outcomes are roughly equally
likely and small when one outcome dominates. A fair coin has an entropy of one bit. A coin that lands heads nine
times in ten has an entropy of about half a bit. A coin with two heads has an entropy of zero, because nothing
about its result is uncertain. Entropy is not a property of any single outcome; it is a property of the whole
spread of belief.

The deepest meaning of entropy comes from communication. Suppose you must send a long message made of symbols drawn
from some distribution, and you want to use as few binary digits as possible. Shannon showed that no code can do
better on average than the entropy of the source, and that good codes can come as close to it as you like. Common
symbols get short code words and rare symbols get long ones. The entropy is the price of the message in bits, and
no cleverness can make it cheaper.

5. Coding with the wrong distribution

Now imagine that you design your code for a distribution q, but the symbols actually come from a different
distribution p. Your code words are short for symbols that q thinks are common, which may not be the symbols that
really are common. The average length you pay is the cross entropy of p and q. It is always at least the entropy
of p, and the extra amount is the relative entropy, also called the Kullback Leibler divergence. It is zero only
when q equals p, and it grows as the two distributions drift apart.

This gives a practical way to grade a model. Take some text the model has never seen and ask the model how many
bits it would need to encode each character. A model that predicts well assigns high probability to the characters
that actually appear, so it needs few bits. A model that predicts badly is surprised again and again, and pays for
every surprise. The number of bits per character on held out text is an honest score: it cannot be improved by
memorising the training text, and it can be compared across models of any kind.

The divergence is not symmetric. Coding for q when the truth is p costs a different amount from coding for p when
the truth is q. If q gives almost no weight to something that p thinks is common, the cost is enormous, because
every time that common thing appears the code must spend a huge number of bits on it. If q spreads its weight
widely, it never pays a catastrophic price, but it wastes a little on every symbol. A model trained to minimise the
bits it needs on real data is pushed toward covering everything the data does, even at the cost of some waste.

6. Learning as compression

To learn from data is, in a precise sense, to compress it. A model that has found the patterns in a collection of
sentences can describe those sentences in fewer bits than a model that treats every character as an independent
draw from the alphabet. The saving is exactly the structure the model has discovered. Spelling, grammar, common
phrases and even facts about the world all show up as reductions in the number of bits needed to write the text
down.

Maximum likelihood training is the same idea seen from another side. We choose the parameters that make the
observed data as probable as possible, which is the same as choosing the parameters that make the data as cheap as
possible to encode. Taking the negative logarithm of the likelihood turns the product over examples into a sum of
code lengths, and the training loss of a modern language model is nothing more than the average number of nats or
bits it spends per token.

There is a trap, however. A model can compress its own training data perfectly by memorising it, and then fail on
anything new. Memorising is not learning. The test of learning is what happens on data that was held out from
training. A good model compresses new data almost as well as old data; a model that has merely memorised
compresses old data brilliantly and new data badly.

7. Context and its price

A character level model makes the trade off easy to see. Give the model no context at all, and it can only learn
how common each character is. It knows that spaces and the letter e are frequent and that q and z are rare, but it
cannot know that q is almost always followed by u. Give it one character of context and it learns pairs: after a
space, a new word begins; after a full stop, a space usually follows. Give it two or three characters and it starts
to spell common words correctly and to string short words together.

Give it too much context and something strange happens. Every long context is nearly unique. The model has seen the
string the probability of the whole only once or twice, so its counts for what comes next are based on almost no
evidence. On the training text it predicts perfectly, because it remembers exactly what followed. On new text it
meets contexts it has never seen, and it has nothing to go on but the smoothing that was added to keep the counts
from being zero. The bits per character on held out text first fall as the context grows, reach a minimum, and then
rise again. The bottom of that curve is the best context length for the amount of data available.

The same pattern appears everywhere in learning. A model with too little capacity underfits: it cannot represent
the patterns that are really there. A model with too much capacity for the data overfits: it represents accidents
of the sample as if they were patterns. More data moves the best point toward larger models. This is one reason
large language models need such large collections of text: a model that looks back over thousands of tokens needs
an enormous amount of evidence before its long memory becomes an advantage rather than a liability.

Neural networks soften the trade off by sharing strength between contexts. Counting treats the strings the cat sat
and the dog sat as unrelated, but a network that represents words and characters as vectors can notice that cats
and dogs behave alike, and use what it learned about one to predict the other. This is why a transformer can use a
very long context without simply memorising: similar contexts lead to similar predictions, so evidence gathered in
one place helps somewhere else.

8. Temperature and the art of sampling

Once a model gives a probability for every possible next character, we can generate new text by drawing a
character from that distribution, appending it to the context, and repeating. Each draw is a small roll of weighted
dice. The text that comes out is not copied from anywhere; it is assembled one step at a time from the model's
beliefs.

A temperature setting changes how adventurous the draws are. Raising each probability to the power one over the
temperature and renormalising leaves the order of the options unchanged but changes their spread. A low temperature
sharpens the distribution, so the most likely character wins almost every time, and the output becomes repetitive
and safe. A high temperature flattens the distribution, so unlikely characters appear more often, and the output
becomes varied and eventually nonsensical. A temperature of one uses the model's own beliefs exactly.

The entropy of the distribution at each step tells us how sure the model was. Right after the letter q the entropy
is close to zero, since u is almost certain. At the start of a new word the entropy is high, since many words could
come next. Watching the entropy rise and fall along a generated sentence shows where the model is confident and
where it is guessing, and it shows how temperature moves every step toward certainty or toward doubt.

9. Pictures one pixel at a time

Images can be treated the same way. Read the pixels of a small picture in the order we read a page, from left to
right and from top to bottom. The probability of the picture is the probability of the first pixel, times the
probability of the second pixel given the first, and so on to the last pixel in the corner. A model for each step
only needs to predict whether the next pixel is dark or light, given the pixels already painted above it and to its
left.

Such a model can finish a picture. Show it the top half of a handwritten digit and let it paint the bottom half
pixel by pixel. If the top half looks like the start of a seven, the model continues with a stroke sliding down to
the left; if the top looks like a zero, it tends to close the loop. Different random draws give different endings,
each one consistent with what was shown. The model has no idea what a digit is, yet the conditional probabilities
it learned encode the shapes of the strokes.

A picture model can also be graded by bits. A model that treats each pixel as an independent coin needs a certain
number of bits to describe a digit. A model that looks at the neighbouring pixels needs fewer, because strokes are
continuous and a dark pixel is usually next to other dark pixels. The difference is again the structure that the
model found. Large image models of this kind were among the first to produce convincing pictures with exact
likelihoods, at the price of generating slowly, one pixel after another.

10. Sound one sample at a time

Sound is a long sequence of numbers: the pressure of the air measured thousands of times every second. A model of
speech can predict each number from the numbers just before it. The simplest such model is linear: the next sample
is a weighted sum of the previous few samples plus a little noise. Fitting the weights by least squares is a
problem that engineers solved long ago, and the same idea sits inside the speech codecs that carry telephone
calls. A vowel, which is a buzzing source shaped by the resonances of the throat and mouth, is described remarkably
well by a handful of such weights.

Because sound changes over many time scales, a model may need to look back a long way. Looking at every one of the
previous thousand samples would need a thousand weights. A dilated context looks at the previous sample, the one two
steps back, four steps back, eight steps back and so on, doubling each time, so that a few weights cover a long
stretch of the past. Stacking such layers, with nonlinear units in between, lets a network hear patterns that last
a whole syllable while still producing one sample at a time.

Generation follows the familiar recipe. Predict a distribution for the next sample, draw from it, append the draw,
and predict again. A linear model driven by random noise produces a whispered version of the vowel it was trained
on: the resonances are right, but the regular buzz of the voice is replaced by hiss. The gap between the whisper
and the real voice is a vivid picture of what the simple model leaves out.

""",
    """11. Why explicit probabilities matter

Autoregressive models belong to the family of models that assign an explicit probability to every example. That is
a real strength. We can ask such a model how likely a sentence is and get a number, not an impression. We can
compare two models on the same held out data and say which one compresses it better. We can detect unusual inputs,
because they receive unusually low probability. We can combine the model with other sources of evidence through the
rule of Bayes.

The price is speed. Because each step depends on the steps before it, generation cannot be done all at once; a
thousand characters need a thousand passes through the model. Training, on the other hand, can be fast, because
when the whole training sequence is known in advance, every step can be scored at the same time. This asymmetry,
quick to train and slow to sample, shapes much of the engineering around these models.

Another price is the choice of an order. Text has a natural order, and so does sound, but a picture does not. Reading
pixels from the top left is a convention, and a model that must commit to the upper pixels before seeing the lower
ones sometimes paints itself into a corner. Other kinds of generative models, such as those that transform noise
into data in one go or that remove noise a little at a time, make different trade offs between speed, quality and
the ability to compute exact probabilities.

12. A few words about randomness

A random number generator in a computer is not truly random. It is a deterministic machine that produces a long
sequence of numbers which pass many tests of randomness. Give it the same starting seed and it produces the same
sequence again. This is a gift for teaching and for science: an experiment that depends on random draws can be
repeated exactly, and a picture shown in a lecture can be shown again, identical, the next day.

When a model samples text with a fixed seed, the same seed and the same settings give the same text. Change the seed
and a different path through the same probabilities appears. Neither path is more correct than the other; both are
draws from the same distribution. Looking at several seeds side by side is a good way to see what the model has
really learned and what is merely the luck of a particular draw.

13. Averages, variance and the law of large numbers

Many questions about uncertain quantities reduce to averages. The expected value of a quantity is the average we
would get if we could repeat the experiment endlessly and weigh each outcome by its probability. The variance
measures how far individual results tend to stray from that average. A small variance means that results cluster
tightly; a large variance means that any single result tells us little.

The law of large numbers says that the average of many independent draws settles down near the expected value. Its
companion, the central limit theorem, says that the spread of that average shrinks like one over the square root of
the number of draws, and that its shape approaches the familiar bell curve. Together they explain why we can
estimate an expectation by sampling: draw many examples, average the quantity of interest, and report both the
average and its standard error.

Monte Carlo methods turn this observation into a tool. When an integral is too hard to compute exactly, we can
rewrite it as an expectation under some distribution, draw samples from that distribution, and average. The answer
is never exact, but its error can be measured and reduced by drawing more samples. Much of modern machine learning,
from estimating the divergence between two models to training models with hidden variables, leans on this simple
idea.

14. Hidden causes

Some of the most useful models imagine a hidden cause behind each observation. A handwritten digit might be
produced by first choosing which digit to write and a style of handwriting, and then drawing the strokes. We never
observe the hidden choices directly, but assuming they exist makes the data easier to explain. The probability of
an observation is then the average, over all possible hidden causes, of the probability of the observation given
the cause.

Computing that average is usually hard, because there are too many possible causes to list. Clever approximations
replace the exact average with a bound that is easier to compute, or with an average over a few well chosen
samples. Autoregressive models avoid the problem entirely: they have no hidden causes, only the visible history of
the sequence, so the probability of an example is a product of simple pieces that can be computed exactly.

15. Uncertainty about the model itself

So far we have talked about uncertainty in the data. There is a second kind of uncertainty, about the model. With
little data, many different settings of the parameters explain the observations about equally well. A careful
learner keeps all of them in mind, weighted by how well they fit and how plausible they seemed beforehand, rather
than committing to a single best guess. Predictions then average over the plausible models, and they are more
humble where the data are thin.

Smoothing the counts in a character model is a small example of this humility. Adding a little pseudo count to every
possible next character says: I have not seen this character follow this context, but I am not certain that it
never will. Without smoothing, one unseen event on the held out text would receive probability zero and cost an
infinite number of bits. With smoothing, it costs a finite and sensible amount. The amount of smoothing is itself a
choice, and the held out text is the right judge of it.

16. A short catalogue of distributions

The Bernoulli distribution describes a single yes or no event, such as a pixel being dark or light. Its one parameter
is the probability of yes. The categorical distribution generalises it to many outcomes, such as the next character
of a text, and is described by one probability per outcome. The binomial distribution counts the number of yes
results in a fixed number of independent trials. The Gaussian distribution describes quantities that vary smoothly
around a centre, such as small measurement errors, and is fixed by its mean and its variance.

Each of these has an entropy that can be written down exactly. The entropy of a categorical distribution over k equally
likely outcomes is the logarithm of k. The entropy of a Gaussian grows with the logarithm of its standard deviation;
doubling the spread adds exactly one bit. For continuous quantities the entropy can even be negative, which is a
reminder that it measures spread relative to a unit of measurement rather than an absolute amount of information.

Mixtures build richer shapes from simple parts. A mixture of Gaussians places several bell curves at different
centres with different weights, and can approximate almost any smooth density if it is given enough components.
Fitting a mixture is a classic exercise in hidden causes: each point is assumed to come from one of the components,
and the fitting procedure alternates between guessing which component produced each point and moving the components
to fit the points assigned to them.

17. Conditional independence

Two quantities are independent when learning one tells us nothing about the other. They are conditionally independent
given a third quantity when, once the third is known, learning one tells us nothing more about the other. The
weather in two nearby towns is far from independent, but given the large scale weather pattern of the day, the
remaining fluctuations in the two towns may be nearly unrelated.

Assumptions of conditional independence are what make large models manageable. A character model with a context of
three assumes that, given the last three characters, the next character does not depend on anything earlier. That is
false, of course, but it is useful, because it reduces an impossible table of all possible histories to a table
of short contexts that can be estimated from a modest amount of text. Every practical model is a set of such useful
falsehoods, and the art lies in choosing the ones that cost the least.

18. Decisions under uncertainty

A distribution is not yet a decision. To act, we must combine our beliefs with the costs of being wrong. If a false
alarm is cheap and a missed danger is expensive, we should raise the alarm even when the danger is unlikely. If every
mistake costs the same, we should choose the most probable outcome. The same beliefs can lead to different actions
when the costs change, and confusing the two is a common source of bad arguments.

Classifiers make this visible. A classifier that outputs a probability for each class can be combined with any table
of costs after the fact. A classifier that outputs only a label has already made a decision, and has thrown away
information that might have mattered. Keeping the probabilities as long as possible, and deciding only at the end, is
usually the better design.

19. Generative and discriminative views

There are two broad ways to build a classifier. A discriminative model learns the probability of the label given the
input directly: it draws a boundary between the classes and cares about nothing else. A generative model learns how
the inputs of each class are distributed, and then uses the rule of Bayes to turn those descriptions into the
probability of each label. The generative model does more work, because it must describe the inputs in full, but
in return it can produce new examples, notice inputs that fit no class well, and cope with missing values.

With plenty of data, discriminative models often classify more accurately, because they spend all their effort on
the one question that matters for classification. With little data, generative models can be better, because their
assumptions about the shape of each class act as a helpful prior. The modern generative models that write text and
paint pictures are generative in the fullest sense: their main job is to describe the data itself.

20. Measuring what a model knows

Bits per character, bits per pixel and bits per dimension are the common currency of likelihood based models. They
turn the abstract quality of a model into a number that can be compared across papers and across years. Lower is
better, and the floor is the true entropy of the data, which nobody knows but everybody tries to approach.

These numbers have limits. A model can achieve a good likelihood while producing samples that look poor to a human,
and a model can produce beautiful samples while assigning poor likelihood to real data. Likelihood rewards covering
every possibility; human judges reward the quality of the most typical outputs. Looking at both the numbers and the
samples is the only way to get a fair picture.

21. Closing thoughts

Probability gives us a language for belief, information theory gives us a price for surprise, and learning is the
process of lowering that price on data we have not yet seen. An autoregressive model puts all three ideas into one
simple loop: look at what has been produced so far, form a belief about what comes next, pay for the surprise when
the truth arrives, and adjust. Run the loop forward with random draws and the model writes, paints or speaks. Run
it over real data and it measures, in bits, how well it understands what it sees.

The small models on this page are honest miniatures of the large ones. The character counter is a distant ancestor
of the transformer, the row of logistic regressions is a cousin of the pixel networks, and the linear predictor of
sound is the grandparent of the networks that now speak with human voices. The mathematics that governs them is the
same, and it fits on a single line: the probability of the whole is the product of the probabilities of the steps.
""",
    """
Appendix: worked examples in words

A fair six sided die has six equally likely faces, so each face carries a surprise of the logarithm of six, about two
point six bits, and the entropy of the die is the same two point six bits. A loaded die that shows six half of the
time and each other face one tenth of the time has a lower entropy, a little over two point one bits, because its
results are easier to guess.

A short string such as abab can be scored by the chain rule. A model with no context that believes a and b are equally
likely spends one bit on each character, four bits in all. A model with one character of context that has learned
that a is always followed by b and b by a spends one bit on the first character and nothing on the rest, one bit in
all. The second model has found the pattern, and the saving of three bits is the proof.

Suppose a weather forecaster says rain with probability seventy percent on ten days, and it rains on seven of them.
The forecaster is well calibrated. Another forecaster says rain with certainty on the same ten days, and is wrong on
three. Scored by the bits needed to encode what happened, the second forecaster pays an infinite price for the three
dry days, because certainty that turns out wrong is infinitely costly. The first forecaster pays a modest price every
day. Honest uncertainty is cheaper than false confidence.

A student learning to type by copying text gets faster as the patterns become familiar. After th, the fingers are
already moving toward e; after a full stop, the thumb reaches for the space bar. In the language of this page, the
student has learned the conditional probabilities of the next key given the previous keys, and each familiar pattern
is a few bits of surprise that no longer need to be paid. Expertise, in typing as in many other things, looks a lot
like good prediction.

When a model is asked to continue the words the probability of, it might offer the whole, the next, the data or the
sequence, each with its own weight. Sampling picks one of them at random according to those weights. If the model
picks the next, it will then be asked to continue the probability of the next, and so on. The text grows like a path
through a forest of possibilities, and every fork is a small distribution that the model has learned from the text it
has read.
""",
)

CORPUS: str = "".join(_PARTS)
