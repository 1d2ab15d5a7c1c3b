% Defeasible logic as a tabled Prolog meta-interpreter, for SWI-Prolog (scripts/compare.sh).
%
% The theory comes as facts from scripts/translate.py:
%   fact(L).  rule(R, Kind, L, Body).  sup(R1, R2).  query(L).
% with Kind in {strict, defeasible, defeater}, L = pos(A) | neg(A) and Body a list of literals.
%
% The clauses are the proof conditions of docs/language.md (ambiguity blocking, team defeat), the same
% meta-program as scripts/dl_meta.lp:
%   +Δq : q is a fact, or a strict rule for q has every body literal +Δ.
%   +∂q : +Δq; or an applicable (every body literal +∂) strict or defeasible rule for q, not +Δ~q,
%         and every rule s for ~q (defeaters included) is not applicable or is beaten by an
%         applicable strict or defeasible rule t for q with t > s (team defeat).
% Negative conclusions are tabled negation (tnot/1), so SWI-Prolog evaluates the program under
% the well-founded semantics, query-directed (top-down, from the query literal only). On decisive
% theories (acyclic dependency graph: chain, levels, levels-, teams, tree, dag) the well-founded
% model is total and equals the conclusions of defeasible logic; on circle the loop's literals are
% false in the well-founded model (no finite proof), which gives the same verdict, undecided.
% A query whose answer is left undefined by the well-founded semantics is reported as
% `undecided` with a warning on stderr.
%
% Usage: swipl -q -g "consult('THEORY.pl'),main" -t halt scripts/dl_meta.pl

:- dynamic fact/1, rule/4, sup/2, query/1.
:- table definitely/1, defeasibly/1, overruled/1, defeated/2.

comp(pos(A), neg(A)).
comp(neg(A), pos(A)).

supportive(strict).
supportive(defeasible).

% +Δ
definitely(L) :- fact(L).
definitely(L) :- rule(_, strict, L, Body), all_definitely(Body).

all_definitely([]).
all_definitely([B|Bs]) :- definitely(B), all_definitely(Bs).

% every body literal +∂
applicable([]).
applicable([B|Bs]) :- defeasibly(B), applicable(Bs).

% +∂
defeasibly(L) :- definitely(L).
defeasibly(L) :-
    rule(_, K, L, Body), supportive(K), applicable(Body),
    comp(L, C), tnot(definitely(C)), tnot(overruled(L)).

% some applicable rule S for ~L that no applicable rule for L beats (team defeat)
overruled(L) :-
    comp(L, C), rule(S, _, C, Body), applicable(Body), tnot(defeated(S, L)).
defeated(S, L) :-
    sup(T, S), rule(T, K, L, Body), supportive(K), applicable(Body).

% true, undefined (well-founded semantics) or false
status(G, S) :-
    (   call_delays(G, D)
    ->  ( D == true -> S = true ; S = undefined )
    ;   S = false
    ).

verdict(true, _, holds) :- !.
verdict(_, true, denied) :- !.
verdict(P, N, undecided) :-
    (   ( P == undefined ; N == undefined )
    ->  format(user_error, "warning: the query is undefined in the well-founded model~n", [])
    ;   true
    ).

main :-
    query(Q), comp(Q, C),
    status(defeasibly(Q), P),
    status(defeasibly(C), N),
    verdict(P, N, V),
    format("~w~n", [V]).
