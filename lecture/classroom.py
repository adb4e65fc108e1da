"""What classroom mode says: the sidebar's classroom section, the live polls and their messages.

Sentences that carry a value are templates with ``{named}`` fields, filled by ``ui/classroom.py``.
"""

SECTION = "Classroom"

# -- joining and signing in ----------------------------------------------------------------------------------------
JOIN_LABEL = "Join code"
JOIN_PLACEHOLDER = "e.g. QA7TKM"
JOIN_HELP = "The six characters the lecturer shows on the projector (or scan the QR code)."
JOIN_BUTTON = "Join the class"
NO_SUCH_CLASS = "No class with the code {code} is running: check the code on the projector (the class may have ended)."
NOT_A_CODE = "A join code has six letters and digits, as on the projector."
LECTURER_EXPANDER = "I am the lecturer"
PASSCODE_LABEL = "Lecturer passcode"
PASSCODE_HELP = "Set on the server (CLASSROOM_PASSCODE). It stays in this browser tab's session, never in a link."
SIGN_IN = "Sign in"
WRONG_PASSCODE = "That is not the lecturer passcode ({left} tries left in this tab)."
LOCKED = "Too many wrong passcodes in this tab: open the app in a new tab to try again."
BUSY = (
    "Too many wrong passcodes were tried on this server in the last minute, from several tabs: "
    "sign-in is paused for everyone; try again in a minute."
)
DATABASE_DOWN = (
    "Classroom mode cannot reach its database just now, so following and polls are paused; the rest of the app "
    "works as usual. It picks up again by itself once the database answers."
)
MISCONFIGURED = "Classroom mode is switched off: {reason}"

# -- the lecturer --------------------------------------------------------------------------------------------------
START = "Start a class"
START_HELP = "Gives a join code and a QR code for the projector. Students who join follow your page and controls."
RESUME = "Resume class {code}"
SIGN_OUT = "Sign out"
CODE_LINE = "Join code: **{code}**"
JOINED = "{n} joined so far"
SHOW_QR = "Show the QR code large"
QR_TITLE = "Join the class"
QR_CAPTION = "Scan, or open {url} and type the code."
QR_CODE_LINE = "### Code: {code}"
DOWNLOAD = "Results (CSV)"
DOWNLOAD_HELP = "Every answer of this class, one row each; students appear as anonymous pseudonyms."
END = "End the class"
END_HELP = "The join code stops working and students stop following. The results stay downloadable."
LECTURER_NOTE = "Students who follow you see this page and these controls within about a second."

# -- the student ---------------------------------------------------------------------------------------------------
IN_CLASS = "You are in class **{code}**."
FOLLOW = "Following the lecturer"
FOLLOW_HELP = (
    "On: your page and its controls follow the lecturer's, and your own changes are paused. "
    "Off: explore freely; switching it on again jumps to where the lecturer is now."
)
FOLLOWING_NOTE = "Your page follows the lecturer; switch this off to explore on your own."
DETACHED_NOTE = "Exploring on your own."
LEAVE = "Leave the class"
ENDED = "The class {code} has ended. Everything still works on its own."
POLL_ELSEWHERE = "The lecturer asks a question on another page:"

# -- polls ---------------------------------------------------------------------------------------------------------
POLL_HEADING = "**:material/how_to_vote: Question for the class**"
ASK = "Ask the class"
ASK_HELP = "Students answer on their laptops; you see the counts live and reveal the answer when you choose."
REVEAL = "Reveal the answer"
TAKE_DOWN = "Take the question off the screen"
ANSWERED = "{answered} of {joined} answered"
COUNT_LINE = "{option}: **{n}** ({share:.0%})"
RIGHT_MARK = " ✓"
STUDENT_WAITING = "Your answer counts: you can change it until the lecturer reveals the answer."
STUDENT_PROMPT = "Pick one: your answer is anonymous."
TOO_LATE = "The answer was already revealed: your choice was not counted."
ROOM = "The room answered:"
RIGHT = "Right. {reply}{explain}"
WRONG = "Not quite. {reply}{explain}"
NO_ANSWER = "You did not answer this one. {explain}"
