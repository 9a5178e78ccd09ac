"""How sure the rules are: the one table of confidence values (0 to 1).

A triple's confidence is the value of the pattern (roles) or of where its arguments were
found (actions), times the discounts that apply; an edge keeps the highest of its evidence.
The values rank the patterns by how often each was right on CoNLL04 train and the seeds;
what matters is their order, which the comments state and ``tests/test_confidence.py`` checks.
"""

# --- roles: the pattern that found person - title - organisation --------------------------
TITLE_BEFORE_NAME = 0.9  # "US Secretary of State Mike Pompeo": title and name in one phrase, the surest
APPOSED_TITLE = 0.85  # "Fawaz Gerges, a professor at the LSE": a title in apposition to the name
APPOSED_TITLE_FURTHER = 0.8  # the same one apposition further: "Sen. Dennis DeConcini, D-Ariz., chairman of ..."
NAME_APPOSED_TO_TITLE = 0.8  # "the top Iranian enforcer, Qassem Soleimani": the name in apposition to the title
COPULA = 0.8  # "Smith is the chairman of Acme"
TITLE_OVER_ORG = 0.75  # "the chairman of the Front, Mohamed Ahmed Issa": the name apposed to the organisation
AS_TITLE = 0.75  # "confirmed Mr. Kadhimi as prime minister", "named Jinks publisher of the Mercury News"
ROLE_VERB = 0.75  # "Smith works for Acme", "who leads the Crisis Group's program"
ROLE_VERB_PASSIVE = 0.7  # "the Foundation headed by Juan Novara": the title comes from the verb's table
ORG_BEFORE_NAME = 0.6  # "CBS’ Holly Williams": the organisation is named, the title is not
NAME_OF_ORG = 0.6  # "John Smith of IBM": the title is not named either
ROLE_NOUN = 0.75  # "his appointment as chairman of X": as AS_TITLE, through the noun of the event
OFFICE_NOUN = 0.7  # "assume the presidency of X": the office's noun gives the title
BRACKETED_PARTY_CONFIDENCE = 0.7  # the convention of lists of politicians: "Name (Party)"
TEAM_SHEET = 0.7  # the convention of match reports: a side's line-up under its name, or in the headline's order
MEMBERS_LISTED = 0.7  # "The band consists of Jo Lane, Tom Reed and Ann Ross": the members of an organisation
POSSESSOR_CONFIDENCE = 0.55  # "Mulroney's party" says he belongs to it, not what he does there
DESCRIPTION_CONFIDENCE = 0.5  # a news convention, not a statement: the lead's description is the next sentence's subject

# --- roles: an organisation found outside the title's phrase (extract/role_orgs.py, graph/build.py)
# Lower than any pattern reading one phrase: the organisation comes from elsewhere.
TITLE_WORD_CONFIDENCE = 0.7  # the organisation's own name, written in the title
ORG_WORD_CONFIDENCE = 0.6  # one earlier organisation with that word: usually right
DEPARTMENT_CONFIDENCE = 0.6  # the portfolio words match a named department
NATIONAL_OFFICE_CONFIDENCE = 0.5  # a convention, and the document may name several countries
CORPUS_ROLE = 0.5  # the text itself names no organisation: the same person's same role in another document
DOCUMENT_ORG_CONFIDENCE = 0.45  # the weakest: the document's main organisation holds the post
FURTHER_ORG_DISCOUNT = 0.9  # a title that names several organisations: the nearest at full value, the others less

# --- actions: where an argument of the verb or event noun was found ------------------------
DIRECT = 0.9  # the verb's own subject or direct object: "X attacked Y"
MARKED = 0.85  # the construction marks the role: a passive's subject, its "by" agent, "fired at X"
INDIRECT = 0.8  # one step from the verb: a dative, the object that controls an infinitive ("asked Y to leave"),
#                 a small clause's subject ("found X guilty of ..."), the one a verb of blame names
PARTICIPLE = 0.75  # "a nation led by Saddam Hussein", "on the orders of X"
PREPOSITION = 0.7  # an argument behind a preposition ("attacked on X"), or of an event or agent noun
#                    ("the killing of X by Y", "X's assassin, Y")
PROPOSAL_CONFIDENCE = 0.7  # "rejected X's proposal": an act on X through what X proposed
OBJECT_PHRASE_CONFIDENCE = 0.65  # "break relations with X": the target hangs from the object, not the verb
BLAME_CONFIDENCE = 0.6  # "X was convicted of the murder of Y": said of X, not stated as X's act
OWNER_CONFIDENCE = 0.55  # "demolished Palestinian homes": the people whose property was hit, read through the object
CONTEXT_CONFIDENCE = 0.5  # "With the capture of X, the US ...": only the clause around the event names a doer
PLACE_CONFIDENCE = 0.5  # "demonstrated in Serbia", "imposed a curfew in Kampala": where it happened, as PLOVER codes it
LEFT_ORG_CONFIDENCE = 0.45  # "He resigned": the document's main organisation is what was left, as DOCUMENT_ORG_CONFIDENCE for roles

# --- actions: discounts (factors) --------------------------------------------------------
INHERITED_DISCOUNT = 0.9  # a subject inherited through control, a conjunction or a clause: each step costs
MEMBER_DISCOUNT = 0.9  # "a group that included Brutus and Cassius": the members for the group
GUESS_DISCOUNT = 0.9  # a name the tagger missed, found by a rule in extract.mentions
INTENT_SCALE = 0.9  # "X threatened to cut off Y": the threat is stated, its target read through the verb it governs
COREF_DISCOUNT = 0.85  # an argument found through a pronoun or description is less certain
GROUP_DISCOUNT = 0.85  # "Egyptian police": a group named by a common noun, not by its name
EVENT_OWNER_DISCOUNT = 0.8  # "US drone strikes killed X": the strikes' owner did it
OWNER_DISCOUNT = 0.7  # "US officials" stand for the US only loosely
