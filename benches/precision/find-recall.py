#!/usr/bin/env python3
"""Finds candidate risky commits in local mirrors by pattern (the first step of building recall.tsv).

Usage: find-recall.py MIRROR_ROOT [OUT.json]. Each candidate was then judged by hand: recall.tsv
holds the 40 judged risky, with the reason; what was judged not risky is listed in README.md.
"""
import subprocess, re, sys, json
M=sys.argv[1].rstrip('/')+'/'  # the mirror root: <owner>+<name>/repo below it
fams=[
 # family, repo, pathspec, sign, regex (on the +/- line)
 ('scaled-to-zero','GoogleCloudPlatform+microservices-demo',['*.yaml','*.yml'],'+',r'^\s*replicas:\s*0\s*$'),
 ('scaled-to-zero','argoproj+argo-helm',['*.yaml'],'+',r'^\s*replicas:\s*0\s*$'),
 ('removed-probe','GoogleCloudPlatform+microservices-demo',['*.yaml'],'-',r'^\s*(readiness|liveness)Probe:'),
 ('removed-probe','argoproj+argo-helm',['*.yaml'],'-',r'^\s*(readiness|liveness)Probe:'),
 ('disabled-tls','gitlabhq+gitlab-shell',['*.go','*.yml','*.yaml'],'+',r'InsecureSkipVerify:\s*true|insecure_skip_verify|sslmode=disable'),
 ('disabled-tls','argoproj+argo-helm',['*.yaml'],'+',r'^\s*(insecure|insecureSkipVerify|tlsSkipVerify|skipTLSVerify|insecure_skip_verify):\s*true'),
 ('disabled-tls','GoogleCloudPlatform+microservices-demo',['*.yaml','*.py','*.go','*.js','*.cs','*.java'],'+',r'verify\s*=\s*False|InsecureSkipVerify:\s*true|insecure\(\)|grpc\.insecure|credentials\.insecure'),
 ('widened-iam','terraform-aws-modules+terraform-aws-iam',['*.tf','*.json'],'+',r'("Action"\s*:\s*"\*"|actions\s*=\s*\["\*"\]|"Action":\s*\[\s*"\*"|Action\s*=\s*"\*"|:\*"\s*,?\s*$)'),
 ('widened-iam','terraform-aws-modules+terraform-aws-iam',['modules/*.tf','*.tf',':!examples',':!wrappers'],'+',r'(actions|resources)\s*=\s*\[\s*"\*"\s*\]|"[a-z0-9-]+:\*"'),
 ('open-network','terraform-aws-modules+terraform-aws-vpc',['*.tf',':!examples'],'+',r'"0\.0\.0\.0/0"|"::/0"'),
 ('public-by-default','terraform-aws-modules+terraform-aws-vpc',['variables.tf'],'+',r'default\s*=\s*true'),
 ('weakened-security-context','argoproj+argo-helm',['*.yaml',':!*/ci/*'],'+',r'^\s*(privileged:\s*true|hostNetwork:\s*true|hostPID:\s*true|allowPrivilegeEscalation:\s*true|runAsNonRoot:\s*false|readOnlyRootFilesystem:\s*false)\s*$'),
 ('weakened-security-context','GoogleCloudPlatform+microservices-demo',['*.yaml'],'+',r'^\s*(privileged:\s*true|hostNetwork:\s*true|allowPrivilegeEscalation:\s*true|runAsNonRoot:\s*false|readOnlyRootFilesystem:\s*false)\s*$'),
 ('removed-security-context','GoogleCloudPlatform+microservices-demo',['kubernetes-manifests/*.yaml'],'-',r'^\s*securityContext:\s*$'),
 ('removed-limits','GoogleCloudPlatform+microservices-demo',['kubernetes-manifests/*.yaml','helm-chart/*.yaml'],'-',r'^\s*(limits|resources):\s*$'),
 ('dropped-schema','spring-projects+spring-petclinic',['*.sql'],'+',r'(?i)\bdrop\s+(table|column)'),
 ('unsafe-code','dtolnay+anyhow',['*.rs'],'+',r'\bunsafe\s*(\{|fn|impl)'),
 ('removed-limits','GoogleCloudPlatform+microservices-demo',['*.yaml'],'-',r'^\s*limits:\s*$'),
 ('removed-limits','argoproj+argo-helm',['*.yaml'],'-',r'^\s*limits:\s*$'),
 ('removed-tests','gitlabhq+gitlab-shell',['*_test.go','*_spec.rb'],'D',r''),
 ('removed-tests','spring-projects+spring-petclinic',['*Tests.java','*Test.java'],'D',r''),
]
out=[]
for fam,repo,paths,sign,rx in fams:
    g=M+repo+'/repo'
    if sign=='D':
        log=subprocess.run(['git','-C',g,'log','--no-merges','--diff-filter=D','--format=%H','--']+paths,capture_output=True,text=True).stdout.split()
    else:
        log=subprocess.run(['git','-C',g,'log','--no-merges','-G'+rx.replace('(?i)',''),'--format=%H','--']+paths,capture_output=True,text=True).stdout.split()
    n=0
    for c in log:
        parents=subprocess.run(['git','-C',g,'rev-list','--parents','-n1',c],capture_output=True,text=True).stdout.split()
        if len(parents)!=2: continue
        if sign=='D':
            files=subprocess.run(['git','-C',g,'show','--diff-filter=D','--name-only','--format=',c,'--']+paths,capture_output=True,text=True).stdout.split()
            if not files: continue
            # skip whole renames/moves: a test deleted must not be re-added elsewhere with the same name
            added=subprocess.run(['git','-C',g,'show','--diff-filter=A','--name-only','--format=',c],capture_output=True,text=True).stdout.split()
            base=lambda f:f.rsplit('/',1)[-1]
            files=[f for f in files if base(f) not in {base(a) for a in added}]
            if not files: continue
            out.append(dict(family=fam,repo=repo,commit=c,file=files[0],line='deleted '+files[0]))
            n+=1
        else:
            diff=subprocess.run(['git','-C',g,'show','-U0','-M','--format=',c,'--']+paths,capture_output=True,text=True,errors='replace').stdout
            cur=None; hit=None
            plus=set(); minus=set()
            for l in diff.split('\n'):
                if l.startswith('+++ '): cur=l[6:] if l.startswith('+++ b/') else None
                elif l.startswith('--- '): pass
                elif l.startswith('+') : plus.add(l[1:].strip())
                elif l.startswith('-') : minus.add(l[1:].strip())
            for l in diff.split('\n'):
                if l.startswith('+++ '): cur=l[6:] if l.startswith('+++ b/') else cur
                elif l.startswith('--- a/') : curold=l[6:]
                elif l[:1]==sign and not l.startswith(sign*3) and re.search(rx,l[1:]):
                    other = minus if sign=='+' else plus
                    if l[1:].strip() in other: continue  # moved, not added/removed
                    hit=(cur if sign=='+' else curold,l[1:].strip()); break
            if hit:
                out.append(dict(family=fam,repo=repo,commit=c,file=hit[0],line=hit[1][:100])); n+=1
        if n>=(8 if fam in ("removed-tests","unsafe-code") else 5): break
json.dump(out,open(sys.argv[2] if len(sys.argv)>2 else 'candidates.json','w'),indent=1)
from collections import Counter
print(Counter(o['family'] for o in out)); print(len(out))
